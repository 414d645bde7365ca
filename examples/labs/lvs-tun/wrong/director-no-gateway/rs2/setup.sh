# LVS-TUN real server 2: RIP 192.168.20.102, the VIP on tunl0; /etc/rc.d/rc.local sets it up at every boot
[root@rs2 ~]# vim /etc/rc.d/rc.local
[root@rs2 ~]# chmod +x /etc/rc.d/rc.local
[root@rs2 ~]# echo "web server rs2" > /var/www/html/index.html
[root@rs2 ~]# systemctl start httpd
[root@rs2 ~]# systemctl enable httpd
[root@rs2 ~]# ip addr show tunl0
[root@rs2 ~]# cat /proc/sys/net/ipv4/conf/tunl0/rp_filter
