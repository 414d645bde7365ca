#pragma once
// The client side of ONC RPC over one TCP connection, as Linux's sunrpc does it for
// NFS and for mount.nfs (net/sunrpc/clnt.c, xprt.c, xprtsock.c):
//  * the connection comes from a reserved port (665-1023, xs_get_random_port), the
//    same one again on reconnect when it is free, the next lower one otherwise;
//  * each call gets the next XID; calls are queued while there is no connection and
//    sent (again, same XID) on every new connection until they are answered;
//  * timing follows struct rpc_timeout (nfs_options.hpp): a minor timeout every
//    rq_timeout (growing by to_increment), a major one at to_initval + increment ×
//    retries after the call began. TCP retransmits by itself, so on a minor timeout
//    nothing is re-sent over a live connection (xprt_request_need_retransmit()).
//    A major timeout on a soft client fails the call (EIO) after printing
//    "<prog>: server <addr> not responding, timed out"; on a hard one it prints
//    "... not responding, still trying" once and keeps waiting; the reply then prints
//    "<prog>: server <addr> OK" (call_timeout(), call_decode()).
//  * a lost connection is re-established at once, then after 3 s, doubling up to
//    300 s while attempts fail (xprt->reestablish_timeout); with soft_connect (mount.nfs,
//    RPC_TASK_SOFTCONN) a failed connect fails the waiting calls instead.
// Every call and reply is noted in the trace ("rpc-call NFS READ xid=0x..."), tagged
// with the flow of the request that caused it.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/apps/nfs_options.hpp"
#include "sim/core/simulator.hpp"
#include "sim/net/tcp.hpp"
#include "sim/wire/rpc_msg.hpp"
#include "sim/wire/rpc_record.hpp"

namespace lvs {

class Host;

struct RpcCallResult {
  int error = 0;  // 0 = a reply arrived (see header); EIO, ECONNREFUSED, ETIMEDOUT, ENETUNREACH otherwise
  wire::RpcReplyHeader header;
  std::vector<std::uint8_t> body;  // the procedure's results (after the reply header)
};

struct RpcClientConfig {
  Ipv4Addr server;
  std::uint16_t port = 0;
  std::string program_name = "nfs";  // in the kernel's messages: "nfs", "mount"
  RpcTimeout timeout;
  bool soft = false;
  bool soft_connect = false;
  wire::AuthSys cred;  // AUTH_SYS credentials of every call
};

class RpcClient final : public TcpHandler, public EventHandler {
 public:
  using Done = std::function<void(RpcCallResult&&)>;
  RpcClient(Host& host, RpcClientConfig config);
  ~RpcClient();

  // `cred` overrides the configured credentials for this call (nullptr = config's).
  void call(std::uint32_t prog, std::uint32_t vers, std::uint32_t proc, const std::vector<std::uint8_t>& args,
            std::uint32_t flow, Done done, const wire::AuthSys* cred = nullptr);
  // Closes the connection (FIN) and forgets every call without calling back.
  void shutdown();
  std::size_t pending() const;
  const RpcClientConfig& config() const { return config_; }

  void on_connected(TcpConnection& c) override;
  void on_data(TcpConnection& c, wire::Bytes data) override;
  void on_peer_closed(TcpConnection& c) override;
  void on_closed(TcpConnection& c, TcpCloseReason reason) override;
  void on_event(const Event& ev) override;

 private:
  enum EventKind : std::uint32_t { kCallTimer = 1, kReconnect = 2 };
  enum class State : std::uint8_t { kIdle, kConnecting, kConnected, kShutdown };
  struct Call {
    bool live = false;
    std::uint32_t slot = 0;
    std::uint64_t serial = 0;
    std::uint32_t xid = 0, prog = 0, proc = 0, flow = 0;
    std::vector<std::uint8_t> record;
    Done done;
    SimTime timeout = 0;   // rq_timeout
    SimTime major_at = 0;  // rq_majortimeo
    int retries = 0;
    bool major_seen = false;    // RPC_CALL_MAJORSEEN
    std::uint32_t sent_on = 0;  // connection generation it was last sent on (0 = never)
  };

  void connect();
  void send(Call& call);
  void timer(Call& call);
  void finish(Call& call, RpcCallResult&& result);
  void fail_all(int error);
  void connection_lost(bool was_connected);
  void note_call(const Call& call, const char* what, std::string_view extra) const;
  std::string program_label(std::uint32_t prog) const;
  std::string proc_label(std::uint32_t prog, std::uint32_t proc) const;

  Host& host_;
  RpcClientConfig config_;
  State state_ = State::kIdle;
  TcpConnection* conn_ = nullptr;
  std::uint32_t conn_gen_ = 0;  // bumped on each established connection
  std::uint16_t src_port_ = 0;
  std::uint32_t next_xid_ = 0;
  std::uint64_t serials_ = 0;
  std::uint64_t reconnect_serial_ = 0;
  SimTime reestablish_ = 0;
  wire::RpcRecordReader reader_;
  std::vector<std::uint8_t> record_;
  std::vector<std::unique_ptr<Call>> calls_;  // slots, reused
};

}  // namespace lvs
