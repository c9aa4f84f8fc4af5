"""The tests' mail relay: Debian's aiosmtpd keeping every message in a
Maildir, refusing for good (550) any recipient whose local part starts
with "refused" and for now (451) any that starts with "later"."""
from aiosmtpd.handlers import Mailbox


class Sink(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        local = address.split('@')[0]
        if local.startswith('refused'):
            return '550 5.1.1 <%s>: Recipient address rejected' % address
        if local.startswith('later'):
            return '451 4.3.0 <%s>: Try again later' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'
