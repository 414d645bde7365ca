# LVS-NAT real server 1: RIP 192.168.20.101, default gateway = the DIP
[root@rs1 ~]# echo "web server rs1" > /var/www/html/index.html
[root@rs1 ~]# systemctl start httpd
[root@rs1 ~]# systemctl enable httpd
[root@rs1 ~]# ip route
