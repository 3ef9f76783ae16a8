"""Meeting reminders: the tasks that send them, their planning, and each member's preferences."""

# The task queue stores a task by its dotted path, and reminders wait up to two weeks: those
# queued before the task moved to `tasks.py` name "entraide.meetings.reminders.send_reminder".
# This name keeps them working; it may go once no such task is left waiting.
from entraide.meetings.reminders.tasks import send_reminder as send_reminder
