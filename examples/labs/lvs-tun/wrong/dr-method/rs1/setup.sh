# LVS-TUN real server 1: RIP 192.168.20.101, the VIP on tunl0; /etc/rc.d/rc.local sets it up at every boot
[root@rs1 ~]# vim /etc/rc.d/rc.local
[root@rs1 ~]# chmod +x /etc/rc.d/rc.local
[root@rs1 ~]# echo "web server rs1" > /var/www/html/index.html
[root@rs1 ~]# systemctl start httpd
[root@rs1 ~]# systemctl enable httpd
[root@rs1 ~]# ip addr show tunl0
[root@rs1 ~]# cat /proc/sys/net/ipv4/conf/tunl0/rp_filter
