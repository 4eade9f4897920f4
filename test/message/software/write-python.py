"""Writes MSSanté messages the way Python's standard `email` package and `zipfile` module do.

Used by test/message/software-fixtures.test.ts: argv[1] is a JSON file describing the messages,
argv[2] the output folder. Python folds headers with its SMTP policy (RFC 5322 line length, CRLF),
encodes non-ASCII text as it chooses (8bit/base64 per charset), and zips with zipfile (DEFLATE,
sizes in the local headers).
"""
import io
import json
import sys
import zipfile
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid


def build_zip(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in files:
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def main():
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    out = sys.argv[2]
    for m in spec:
        msg = EmailMessage(policy=SMTP)
        msg["From"] = m["from"]
        msg["To"] = m["to"]
        msg["Subject"] = m["subject"]
        msg["Date"] = m["date"]
        msg["Message-ID"] = make_msgid(idstring="msscheck", domain="lps-python.example.fr")
        for name, value in m["headers"]:
            msg[name] = value
        msg.set_content(m["text"], charset="utf-8")
        if m.get("archive"):
            msg.add_attachment(build_zip(m["archive"]), maintype="application", subtype="zip", filename="IHE_XDM.zip")
        if m.get("pdf"):
            msg.add_attachment(bytes(m["pdf"], "latin-1"), maintype="application", subtype="pdf", filename="compte-rendu.pdf")
        with open(f"{out}/{m['name']}.eml", "wb") as f:
            f.write(msg.as_bytes(policy=SMTP))


main()
