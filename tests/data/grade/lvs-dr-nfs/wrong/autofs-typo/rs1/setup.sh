# LVS-DR real server 1 with its pages on NFS: autofs mounts 192.168.10.103:/public on /var/www/html
[root@rs1 ~]# sysctl -p
[root@rs1 ~]# route add -host 192.168.10.10 dev lo:0
[root@rs1 ~]# vim /etc/auto.master
[root@rs1 ~]# vim /etc/auto.htmount
[root@rs1 ~]# systemctl start autofs
[root@rs1 ~]# systemctl start httpd
