# LVS-DR real server 2: RIP 192.168.10.102, the VIP on ens33:0 (ifcfg-ens33:0), ARP kept quiet (sysctl.conf)
[root@rs2 ~]# sysctl -p
[root@rs2 ~]# route add -host 192.168.10.10 dev ens33:0
[root@rs2 ~]# echo "web server rs2" > /var/www/html/index.html
[root@rs2 ~]# systemctl start httpd
[root@rs2 ~]# systemctl enable httpd
[root@rs2 ~]# ifconfig ens33:0
