#pragma once
// Reused per-connection objects of an application (a server's sessions, a client's
// requests in flight): a run of thousands of connections allocates only as many as
// are open at once, and each keeps its address (TCP holds it as the handler). A slot
// is the object's fixed index; the last one given back is taken first.
#include <cstddef>
#include <memory>
#include <vector>

namespace lvs {

template <class T>
class SlotPool {
 public:
  // A free object; when none is free a new one is made and `init(object, slot)` runs
  // once for it (to set its back-pointer and slot).
  template <class Init>
  T& acquire(Init&& init) {
    if (free_.empty()) {
      items_.push_back(std::make_unique<T>());
      init(*items_.back(), items_.size() - 1);
      free_.push_back(items_.size() - 1);
    }
    T& item = *items_[free_.back()];
    free_.pop_back();
    return item;
  }
  void release(std::size_t slot) { free_.push_back(slot); }

  std::size_t size() const { return items_.size(); }
  T& operator[](std::size_t slot) { return *items_[slot]; }

 private:
  std::vector<std::unique_ptr<T>> items_;
  std::vector<std::size_t> free_;
};

}  // namespace lvs
