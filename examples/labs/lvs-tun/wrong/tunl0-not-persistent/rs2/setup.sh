# LVS-TUN real server 2: RIP 192.168.20.102, the VIP on tunl0
[root@rs2 ~]# modprobe ipip
[root@rs2 ~]# ifconfig tunl0 192.168.10.10 netmask 255.255.255.255 broadcast 192.168.10.10 up
[root@rs2 ~]# route add -host 192.168.10.10 dev tunl0
[root@rs2 ~]# echo 0 > /proc/sys/net/ipv4/conf/tunl0/rp_filter
[root@rs2 ~]# echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter
[root@rs2 ~]# echo 1 > /proc/sys/net/ipv4/conf/tunl0/arp_ignore
[root@rs2 ~]# echo 2 > /proc/sys/net/ipv4/conf/tunl0/arp_announce
[root@rs2 ~]# echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore
[root@rs2 ~]# echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce
[root@rs2 ~]# echo "web server rs2" > /var/www/html/index.html
[root@rs2 ~]# systemctl start httpd
[root@rs2 ~]# systemctl enable httpd
[root@rs2 ~]# ip addr show tunl0
