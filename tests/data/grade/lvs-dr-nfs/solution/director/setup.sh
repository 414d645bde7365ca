# LVS-DR director: DIP 192.168.10.100 (ens33), VIP 192.168.10.10 on the alias ens33:0
[root@director ~]# ifconfig ens33:0 192.168.10.10 netmask 255.255.255.255 broadcast 192.168.10.10 up
[root@director ~]# route add -host 192.168.10.10 dev ens33:0
[root@director ~]# ipvsadm -C
[root@director ~]# ipvsadm -A -t 192.168.10.10:80 -s rr
[root@director ~]# ipvsadm -a -t 192.168.10.10:80 -r 192.168.10.101:80 -g
[root@director ~]# ipvsadm -a -t 192.168.10.10:80 -r 192.168.10.102:80 -g
[root@director ~]# ipvsadm -Ln
