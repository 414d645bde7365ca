#include "sim/ipvs/ipvsadm/sort.hpp"

#include <cstdint>

namespace lvs::ipvs::ipvsadm {

namespace {

// `int r = x - y` for unsigned 32-bit x, y (two's complement wrap).
int wrap_diff(std::uint32_t x, std::uint32_t y) { return static_cast<std::int32_t>(x - y); }

int ip_proto(Protocol p) {  // IPPROTO_*
  switch (p) {
    case Protocol::kTcp: return 6;
    case Protocol::kUdp: return 17;
    case Protocol::kSctp: return 132;
  }
  return 0;
}

// glibc msort_with_tmp(): split n/2 | n - n/2, merge taking the left on cmp <= 0.
template <class T, class Cmp>
void msort(std::vector<const T*>& v, std::size_t lo, std::size_t n, std::vector<const T*>& tmp, Cmp cmp) {
  if (n <= 1) return;
  const std::size_t n1 = n / 2, n2 = n - n1;
  msort(v, lo, n1, tmp, cmp);
  msort(v, lo + n1, n2, tmp, cmp);
  std::size_t i = lo, j = lo + n1, k = 0;
  const std::size_t iend = lo + n1, jend = lo + n;
  while (i < iend && j < jend) tmp[k++] = cmp(*v[i], *v[j]) <= 0 ? v[i++] : v[j++];
  while (i < iend) tmp[k++] = v[i++];
  for (std::size_t m = 0; m < k; ++m) v[lo + m] = tmp[m];
}

template <class T, class Cmp>
std::vector<const T*> sorted(const std::vector<T>& items, Cmp cmp) {
  std::vector<const T*> v;
  v.reserve(items.size());
  for (const auto& x : items) v.push_back(&x);
  std::vector<const T*> tmp(v.size());
  msort(v, 0, v.size(), tmp, cmp);
  return v;
}

}  // namespace

int cmp_services(const ServiceEntry& a, const ServiceEntry& b) {
  const ServiceKey& x = a.spec.key;
  const ServiceKey& y = b.spec.key;
  if (int r = wrap_diff(x.fwmark, y.fwmark)) return r;
  // Same address family (AF_INET) for every service lvslab models.
  if (int r = ip_proto(x.protocol) - ip_proto(y.protocol)) return r;
  if (int r = wrap_diff(x.addr.value, y.addr.value)) return r;
  return int{x.port} - int{y.port};
}

int cmp_dests(const DestEntry& a, const DestEntry& b) {
  if (int r = wrap_diff(a.addr.value, b.addr.value)) return r;
  return int{a.port} - int{b.port};
}

std::vector<const ServiceEntry*> sorted_services(const std::vector<ServiceEntry>& s) { return sorted(s, cmp_services); }

std::vector<const DestEntry*> sorted_dests(const std::vector<DestEntry>& d) { return sorted(d, cmp_dests); }

}  // namespace lvs::ipvs::ipvsadm
