# LVS-TUN director: DIP 192.168.10.100 (ens33), VIP 192.168.10.10 on ens33:0, the real servers behind the router
[root@director ~]# vim /etc/sysconfig/network-scripts/ifcfg-ens33:0
[root@director ~]# systemctl restart network
[root@director ~]# ip addr show ens33
[root@director ~]# ipvsadm -C
[root@director ~]# ipvsadm -A -t 192.168.10.10:80 -s rr
[root@director ~]# ipvsadm -a -t 192.168.10.10:80 -r 192.168.20.101:80 -i
[root@director ~]# ipvsadm -a -t 192.168.10.10:80 -r 192.168.20.102:80 -i
[root@director ~]# ipvsadm -Ln
