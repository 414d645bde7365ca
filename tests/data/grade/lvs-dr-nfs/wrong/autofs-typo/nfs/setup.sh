# NFS server 192.168.10.103: /public exported read-only to the LAN
[root@nfs ~]# mkdir /public
[root@nfs ~]# echo "from nfs server!" > /public/index.html
[root@nfs ~]# vim /etc/exports
[root@nfs ~]# systemctl start rpcbind
[root@nfs ~]# systemctl start nfs
[root@nfs ~]# exportfs -rv
