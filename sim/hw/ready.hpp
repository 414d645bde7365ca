#pragma once
// A one-shot "ready, with an error text or not" handed from a worker thread to the
// thread that started it. Shared ownership: the worker may still be leaving notify()
// when the starter, woken, has already moved on.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

namespace lvs::hw {

class ReadySignal {
 public:
  void notify(std::string error) {
    std::lock_guard lock(mu_);
    error_ = std::move(error);
    ready_ = true;
    cv_.notify_all();
  }
  // Waits and returns the error text ("" = ok).
  std::string wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return ready_; });
    return error_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool ready_ = false;
  std::string error_;
};

}  // namespace lvs::hw
