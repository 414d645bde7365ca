# LVS-DR real server 2: RIP 192.168.10.102, the VIP on lo:0 (ifcfg-lo:0), ARP kept quiet (sysctl.conf)
[root@rs2 ~]# sysctl -p
[root@rs2 ~]# route add -host 192.168.10.10 dev lo:0
[root@rs2 ~]# echo "web server rs2" > /var/www/html/index.html
[root@rs2 ~]# systemctl start httpd
[root@rs2 ~]# systemctl enable httpd
[root@rs2 ~]# ifconfig lo:0
