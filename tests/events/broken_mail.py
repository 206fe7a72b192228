"""A mail backend whose server is down, for the outage tests."""

from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server refused the connection")


class RefusingBackend(BaseEmailBackend):
    """Refuses the first message of each connection (a bad recipient), sends the rest."""

    def open(self):
        self.refused = False
        return True

    def send_messages(self, email_messages):
        import smtplib

        if not getattr(self, "refused", False):
            self.refused = True
            raise smtplib.SMTPRecipientsRefused({email_messages[0].to[0]: (550, b"no such user")})
        return len(email_messages)


class CountingBackend(BaseEmailBackend):
    """Counts the connections opened and the messages sent through them."""

    opened = 0
    sent = 0

    @classmethod
    def reset(cls):
        cls.opened = cls.sent = 0

    def open(self):
        type(self).opened += 1
        return True

    def send_messages(self, email_messages):
        type(self).sent += len(email_messages)
        return len(email_messages)
