# LVS-DR real server 2 with its pages on NFS: autofs mounts 192.168.10.103:/public on /var/www/html
[root@rs2 ~]# sysctl -p
[root@rs2 ~]# route add -host 192.168.10.10 dev lo:0
[root@rs2 ~]# vim /etc/auto.master
[root@rs2 ~]# vim /etc/auto.htmount
[root@rs2 ~]# systemctl start autofs
[root@rs2 ~]# systemctl start httpd
