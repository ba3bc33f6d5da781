# Multi-host cluster test (tests/multihost): Kamailio as the SIP edge (dispatcher, pike, rr are in the main package),
# socat to bridge PostgreSQL into the test's network namespaces, iproute2 for the namespaces, sipp as carrier/softphone.
pp_apt_install kamailio socat iproute2 sip-tester
