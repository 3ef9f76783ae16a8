from django.urls import path

from entraide.meetings import answer_views, calendar_views, life_views, poll_views, views

app_name = "meetings"

GROUP = "mes-groupes/<slug:slug>/"
MEETING = GROUP + "rencontres/<int:meeting_id>/"

urlpatterns = [
    # The series and the meetings themselves (views.py).
    path(GROUP + "rencontres/", views.meetings, name="list"),
    path(GROUP + "rencontres/rythme/", views.series, name="series"),
    path(GROUP + "rencontres/ajouter/", views.add_meeting, name="add"),
    path(MEETING, views.meeting, name="detail"),
    path(MEETING + "modifier/", views.edit_meeting, name="edit"),
    path(MEETING + "accueil/", views.host, name="host"),
    # Answers, waiting list and reminders (answer_views.py).
    path(MEETING + "reponse/", answer_views.answer, name="answer"),
    path(GROUP + "rappels/", answer_views.reminders, name="reminders"),
    # Calendars (calendar_views.py).
    path("agenda/<str:token>.ics", calendar_views.feed, name="feed"),
    path(GROUP + "agenda/", calendar_views.calendar, name="calendar"),
    path(GROUP + "rencontres/<int:meeting_id>.ics", calendar_views.meeting_ics, name="meeting_ics"),
    # Around a meeting (life_views.py).
    path(MEETING + "deroule/", life_views.agenda, name="agenda"),
    path(MEETING + "roles/", life_views.roles, name="roles"),
    path(GROUP + "roles/", life_views.volunteer, name="volunteer"),
    path(MEETING + "presences/", life_views.attendance, name="attendance"),
    path(GROUP + "nouvelles/", life_views.follow_ups, name="follow_ups"),
    path(GROUP + "nouvelles/<int:follow_up_id>/", life_views.follow_up, name="follow_up"),
    path(GROUP + "sujets/", life_views.topics, name="topics"),
    path(GROUP + "sujets/<int:topic_id>/vote/", life_views.vote, name="vote"),
    path(GROUP + "intervenants/", life_views.speakers, name="speakers"),
    path(GROUP + "intervenants/<int:speaker_id>/", life_views.speaker, name="speaker"),
    # Choosing a date together (poll_views.py).
    path(GROUP + "sondages/", poll_views.polls, name="polls"),
    path(GROUP + "sondages/<int:poll_id>/", poll_views.poll, name="poll"),
    path(GROUP + "sondages/<int:poll_id>/choisir/", poll_views.choose, name="choose"),
]
