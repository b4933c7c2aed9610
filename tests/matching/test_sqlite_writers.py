"""The web server and the worker write to SQLite at the same time."""

import threading
import time

import pytest
from django.db import connection, transaction

from participants.models import Cohort

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite locks the whole database"
)


@pytest.mark.django_db(transaction=True)
def test_a_second_writer_waits_instead_of_failing(organisation):
    holding = threading.Event()

    def long_write():
        # Like the worker saving a run's matches: a write held for a while.
        with transaction.atomic():
            Cohort.objects.create(organisation=organisation, name="Worker")
            holding.set()
            time.sleep(1)
        connection.close()

    worker = threading.Thread(target=long_write)
    worker.start()
    holding.wait(5)
    Cohort.objects.create(organisation=organisation, name="Web")
    worker.join()

    assert Cohort.objects.count() == 2
