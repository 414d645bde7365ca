# LVS-TUN real server 1: RIP 192.168.20.101, the VIP on tunl0
[root@rs1 ~]# modprobe ipip
[root@rs1 ~]# ifconfig tunl0 192.168.10.10 netmask 255.255.255.255 broadcast 192.168.10.10 up
[root@rs1 ~]# route add -host 192.168.10.10 dev tunl0
[root@rs1 ~]# echo 0 > /proc/sys/net/ipv4/conf/tunl0/rp_filter
[root@rs1 ~]# echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter
[root@rs1 ~]# echo 1 > /proc/sys/net/ipv4/conf/tunl0/arp_ignore
[root@rs1 ~]# echo 2 > /proc/sys/net/ipv4/conf/tunl0/arp_announce
[root@rs1 ~]# echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore
[root@rs1 ~]# echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce
[root@rs1 ~]# echo "web server rs1" > /var/www/html/index.html
[root@rs1 ~]# systemctl start httpd
[root@rs1 ~]# systemctl enable httpd
[root@rs1 ~]# ip addr show tunl0
