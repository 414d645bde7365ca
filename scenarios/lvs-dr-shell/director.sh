[root@director ~]# ifconfig eth0:0 192.168.10.100 netmask 255.255.255.255 broadcast 192.168.10.100 up
[root@director ~]# ipvsadm -A -t 192.168.10.100:80 -s rr
[root@director ~]# ipvsadm -a -t 192.168.10.100:80 -r 192.168.10.11:80 -g
[root@director ~]# ipvsadm -a -t 192.168.10.100:80 -r 192.168.10.12:80 -g
[root@director ~]# ipvsadm -Ln
