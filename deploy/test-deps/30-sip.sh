# SIP interop tests run sipp (Debian package sip-tester) against the stack on loopback.
pp_apt_install sip-tester
