# LVS-NAT real server 2: RIP 192.168.20.102, default gateway = the DIP
[root@rs2 ~]# echo "web server rs2" > /var/www/html/index.html
[root@rs2 ~]# systemctl start httpd
[root@rs2 ~]# systemctl enable httpd
[root@rs2 ~]# ip route
