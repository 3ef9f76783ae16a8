"""Lookups that Django leaves to the database driver where the driver fails.

Registered once, when the `entraide.lib` app is ready (`entraide/lib/apps.py`).
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import In
from django.db.models.sql.compiler import SQLCompiler


class IntegerFieldIn(In):
    """`in` on an integer column leaves out the numbers the column cannot hold.

    No row holds them, so the answer is the same. Without this, SQLite's driver fails on a
    number beyond 64 bits (`OverflowError`, a server error) where it should find nothing: a
    form's list of choices (`ModelMultipleChoiceField`) asks `pk__in` with whatever was posted.
    Django's own `exact`, `gt` and `lt` lookups already skip such numbers
    (`IntegerFieldOverflow`); `in` does not.
    """

    def process_rhs(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
