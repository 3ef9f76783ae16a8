import io

from django.core.mail import EmailMessage

from entraide.lib.mail import ReadableConsoleBackend


def test_the_development_console_prints_links_whole_and_accents_as_they_are() -> None:
    stream = io.StringIO()
    link = "http://127.0.0.1:8000/compte/confirm-email/NA:1xUq9P:qLWwzGLN76ZB7dhFCskTuR9r_q2LbWUbbVXWFEZJobw/"
    message = EmailMessage("Confirmez", f"Bonjour Zoé, allez sur {link}", to=["zoe@example.org"])

    ReadableConsoleBackend(stream=stream, alias="default").send_messages([message])

    printed = stream.getvalue()
    assert link in printed
    assert "Bonjour Zoé" in printed
    assert "To: zoe@example.org" in printed
