// The only file that includes Boost.Graph (it is heavy to compile).
#include "viz/app/layout.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/circle_layout.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/kamada_kawai_spring_layout.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>
#include <cmath>

namespace lvs::viz {
namespace {

using Topology = boost::square_topology<boost::minstd_rand>;
using Point = Topology::point_type;
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;

constexpr double kSide = 10.0;

Graph build_graph(const TraceMeta& meta) {
  const std::size_t hosts = meta.hosts.size();
  Graph g(hosts + meta.segments.size());
  for (std::size_t h = 0; h < hosts; ++h) {
    std::vector<SegmentId> seen;
    for (const auto& ifc : meta.hosts[h].interfaces) {
      if (ifc.segment == kNoId || ifc.segment >= meta.segments.size()) continue;
      if (std::find(seen.begin(), seen.end(), ifc.segment) != seen.end()) continue;
      seen.push_back(ifc.segment);
      boost::add_edge(h, hosts + ifc.segment, 1.0, g);
    }
  }
  return g;
}

std::vector<Point> spring_layout(Graph& g) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<Point> pos(n);
  auto pmap = boost::make_iterator_property_map(pos.begin(), boost::get(boost::vertex_index, g));
  if (n < 2) return pos;
  std::vector<int> comp(n);
  const int components = boost::connected_components(g, comp.data());
  bool done = false;
  if (components == 1) {
    boost::circle_graph_layout(g, pmap, kSide / 2);
    done = boost::kamada_kawai_spring_layout(g, pmap, boost::get(boost::edge_weight, g), Topology(),
                                             boost::side_length(kSide));
  }
  if (!done) {
    boost::minstd_rand gen(1);  // deterministic: the same scenario gives the same picture
    Topology topo(gen, kSide);
    boost::random_graph_layout(g, pmap, topo);
    boost::fruchterman_reingold_force_directed_layout(g, pmap, topo);
  }
  return pos;
}

}  // namespace

std::vector<NodePos> topology_layout(const TraceMeta& meta) {
  Graph g = build_graph(meta);
  const std::vector<Point> pos = spring_layout(g);
  const std::size_t n = pos.size();
  std::vector<NodePos> out(n);
  if (n == 0) return out;
  if (n == 1) {
    out[0] = {0.5f, 0.5f};
    return out;
  }

  // Turn the picture so that clients -> real servers runs left to right.
  double cx = 0, cy = 0, rx = 0, ry = 0;
  int nc = 0, nr = 0;
  for (std::size_t h = 0; h < meta.hosts.size(); ++h) {
    const std::string& role = meta.hosts[h].role;
    if (role == "client") cx += pos[h][0], cy += pos[h][1], ++nc;
    if (role == "realserver" || role == "server" || role == "nfs") rx += pos[h][0], ry += pos[h][1], ++nr;
  }
  double angle = 0;
  if (nc > 0 && nr > 0) angle = std::atan2(ry / nr - cy / nc, rx / nr - cx / nc);
  const double c = std::cos(-angle), s = std::sin(-angle);
  std::vector<double> xs(n), ys(n);
  for (std::size_t i = 0; i < n; ++i) {
    xs[i] = pos[i][0] * c - pos[i][1] * s;
    ys[i] = pos[i][0] * s + pos[i][1] * c;
  }
  // Into the unit square, each axis on its own (the panel is wider than tall), but a
  // nearly flat picture stays flat instead of blowing up small differences.
  const auto [xmin, xmax] = std::minmax_element(xs.begin(), xs.end());
  const auto [ymin, ymax] = std::minmax_element(ys.begin(), ys.end());
  const double sx = std::max(*xmax - *xmin, 1e-9);
  const double sy = std::max(*ymax - *ymin, 0.3 * sx);
  const double oy = (sy - (*ymax - *ymin)) / 2;
  for (std::size_t i = 0; i < n; ++i)
    out[i] = {static_cast<float>((xs[i] - *xmin) / sx), static_cast<float>((ys[i] - *ymin + oy) / sy)};
  return out;
}

}  // namespace lvs::viz
