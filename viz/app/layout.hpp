#pragma once
// Where the topology panel first puts each node: hosts and segments form a bipartite
// graph (a host is joined to every segment one of its interfaces is on), laid out with
// Boost.Graph's Kamada-Kawai spring layout (Fruchterman-Reingold when the graph is not
// connected), then turned so that the clients sit on the left and the real servers on
// the right, and scaled into the unit square. The user may drag nodes afterwards.
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs::viz {

struct NodePos {
  float x = 0, y = 0;  // in [0, 1]
};

// hosts first (meta order), then segments (meta order).
std::vector<NodePos> topology_layout(const TraceMeta& meta);

}  // namespace lvs::viz
