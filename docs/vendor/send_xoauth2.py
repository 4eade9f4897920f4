#!/usr/bin/env python3
"""Send one message through the msscheck sandbox's submission endpoint with XOAUTH2 (Python smtplib).

    TOKEN=$(msscheck sandbox token --identity dr.approve) python3 send_xoauth2.py HOST PORT

The token goes AFTER the server's 334 (RFC 4954 section 4): smtplib's auth() sends "AUTH XOAUTH2",
waits for 334, then sends the initial response. Putting it on the AUTH line instead makes the line
longer than Dovecot's (and the sandbox's) 512 octets, and it is refused.
Environment: TOKEN (required), FROM (default dr.approve@sandbox.mssante.test), TO (default
dr.deny@sandbox.mssante.test), CAFILE (the sandbox's test IGC-Santé chain, to verify its certificate).
"""
import os
import smtplib
import ssl
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

host, port = sys.argv[1], int(sys.argv[2])
token = os.environ["TOKEN"]
sender = os.environ.get("FROM", "dr.approve@sandbox.mssante.test")
recipient = os.environ.get("TO", "dr.deny@sandbox.mssante.test")

msg = EmailMessage()
msg["From"] = sender
msg["To"] = recipient
msg["Subject"] = "Test message from my client software"
msg["Date"] = formatdate(localtime=True)
msg["Message-ID"] = make_msgid(domain=sender.split("@")[1])
msg.set_content("Hello from a client software test.\n")

context = ssl.create_default_context(cafile=os.environ.get("CAFILE"))
# The sandbox listens on 127.0.0.1 with a certificate for its domain: check the chain, not the name.
context.check_hostname = False
if not os.environ.get("CAFILE"):
    context.verify_mode = ssl.CERT_NONE

with smtplib.SMTP(host, port, timeout=30) as smtp:
    smtp.starttls(context=context)
    smtp.ehlo()
    # auth() sends "AUTH XOAUTH2", then this response after the 334 (initial_response_ok=False).
    smtp.auth("XOAUTH2", lambda challenge=None: f"user={sender}\x01auth=Bearer {token}\x01\x01", initial_response_ok=False)
    smtp.send_message(msg)
print("sent")
