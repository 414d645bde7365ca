# LVS-NAT director: VIP 192.168.10.100 (ens33, outside), DIP 192.168.20.100 (ens37, inside)
[root@director ~]# vim /etc/sysctl.conf
[root@director ~]# sysctl -p
[root@director ~]# modprobe ip_vs
[root@director ~]# ipvsadm -C
[root@director ~]# ipvsadm -A -t 192.168.10.100:80 -s rrr
[root@director ~]# ipvsadm -a -t 192.168.10.100:80 -r 192.168.20.101:80 -m
[root@director ~]# ipvsadm -a -t 192.168.10.100:80 -r 192.168.20.102:80 -m
[root@director ~]# ipvsadm -Ln
[root@director ~]# ipvsadm -Sn > /etc/sysconfig/ipvsadm
[root@director ~]# systemctl enable ipvsadm
