"""A console e-mail backend for development that prints messages as people read them.

Django's own prints the encoded message, where a long link is cut by quoted-printable line
breaks: on `make run`, the link to confirm a new account must be copyable from the console.
"""

from typing import Any

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class ReadableConsoleBackend(DjangoConsoleBackend):
    def write_message(self, message: Any) -> None:
        self.stream.write(f"From: {message.from_email}\n")
        self.stream.write(f"To: {', '.join(message.to)}\n")
        if message.reply_to:
            self.stream.write(f"Reply-To: {', '.join(message.reply_to)}\n")
        self.stream.write(f"Subject: {message.subject}\n\n{message.body}\n")
        self.stream.write("-" * 79 + "\n")
