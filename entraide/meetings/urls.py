from django.urls import path

from entraide.meetings.agendas import views as agendas
from entraide.meetings.answers import views as answers
from entraide.meetings.attendance import views as attendance
from entraide.meetings.calendars import views as calendars
from entraide.meetings.polls import views as polls
from entraide.meetings.reminders import views as reminders
from entraide.meetings.roles import views as roles
from entraide.meetings.series import views as series
from entraide.meetings.topics import views as topics

app_name = "meetings"

GROUP = "mes-groupes/<slug:slug>/"
MEETING = GROUP + "rencontres/<int:meeting_id>/"

urlpatterns = [
    # The series and the meetings themselves, and hosting at home in turn (series/views.py).
    path(GROUP + "rencontres/", series.meetings, name="list"),
    path(GROUP + "rencontres/rythme/", series.series, name="series"),
    path(GROUP + "rencontres/ajouter/", series.add_meeting, name="add"),
    path(MEETING, series.meeting, name="detail"),
    path(MEETING + "modifier/", series.edit_meeting, name="edit"),
    path(MEETING + "accueil/", series.host, name="host"),
    # Answers and the waiting list (answers/views.py).
    path(MEETING + "reponse/", answers.answer, name="answer"),
    # Reminders (reminders/views.py).
    path(GROUP + "rappels/", reminders.reminders, name="reminders"),
    # Calendars (calendars/views.py).
    path("agenda/<str:token>.ics", calendars.feed, name="feed"),
    path("groupes/<slug:slug>/rythme.ics", calendars.public_calendar, name="public_calendar"),
    path(GROUP + "agenda/", calendars.calendar, name="calendar"),
    path(GROUP + "rencontres/<int:meeting_id>.ics", calendars.meeting_ics, name="meeting_ics"),
    # The agenda (agendas/views.py).
    path(MEETING + "deroule/", agendas.agenda, name="agenda"),
    # Roles (roles/views.py).
    path(MEETING + "roles/", roles.roles, name="roles"),
    path(GROUP + "roles/", roles.volunteer, name="volunteer"),
    # Attendance and the gentle follow-up (attendance/views.py).
    path(MEETING + "presences/", attendance.attendance, name="attendance"),
    path(GROUP + "nouvelles/", attendance.follow_ups, name="follow_ups"),
    path(GROUP + "nouvelles/<int:follow_up_id>/", attendance.follow_up, name="follow_up"),
    # Topics and outside speakers (topics/views.py).
    path(GROUP + "sujets/", topics.topics, name="topics"),
    path(GROUP + "sujets/<int:topic_id>/vote/", topics.vote, name="vote"),
    path(GROUP + "intervenants/", topics.speakers, name="speakers"),
    path(GROUP + "intervenants/<int:speaker_id>/", topics.speaker, name="speaker"),
    # Choosing a date together (polls/views.py).
    path(GROUP + "sondages/", polls.polls, name="polls"),
    path(GROUP + "sondages/<int:poll_id>/", polls.poll, name="poll"),
    path(GROUP + "sondages/<int:poll_id>/choisir/", polls.choose, name="choose"),
]
