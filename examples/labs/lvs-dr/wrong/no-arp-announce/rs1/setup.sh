# LVS-DR real server 1: RIP 192.168.10.101, the VIP on lo:0 (ifcfg-lo:0), ARP kept quiet (sysctl.conf)
[root@rs1 ~]# sysctl -p
[root@rs1 ~]# route add -host 192.168.10.10 dev lo:0
[root@rs1 ~]# echo "web server rs1" > /var/www/html/index.html
[root@rs1 ~]# systemctl start httpd
[root@rs1 ~]# systemctl enable httpd
[root@rs1 ~]# ifconfig lo:0
