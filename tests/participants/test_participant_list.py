from matching import services, tasks
from participants.models import Participant
from tests.conftest import make_participant
from tests.matching.helpers import add_pair


def list_url(cohort):
    return f"/{cohort.organisation.slug}/cohorts/{cohort.pk}/participants/"


def names(response):
    return [p.first_name for p in response.context["page"].object_list]


def test_search_finds_by_name_or_email(member_client, cohort):
    make_participant(cohort, "mentor", "ann@example.org", last_name="Smith")
    make_participant(cohort, "mentee", "bob@example.org")

    response = member_client.get(list_url(cohort), {"q": "SMITH"})
    by_email = member_client.get(list_url(cohort), {"q": "bob@"})

    assert names(response) == ["ann"]
    assert names(by_email) == ["bob"]


def test_search_finds_a_first_and_last_name_together(member_client, cohort):
    make_participant(cohort, "mentor", "ann@example.org", last_name="Smith")
    make_participant(cohort, "mentee", "bob@example.org", last_name="Smith")

    response = member_client.get(list_url(cohort), {"q": "Ann  smith"})

    assert names(response) == ["ann"]


def test_role_filter_shows_one_role(member_client, cohort):
    add_pair(cohort, 1)

    response = member_client.get(list_url(cohort), {"role": "mentee"})

    assert response.status_code == 200
    assert names(response) == ["mentee1"]


def test_status_filter_shows_who_the_latest_run_matched(member_client, cohort, user):
    add_pair(cohort, 1)
    make_participant(cohort, "mentee", "alone@example.org", grade="SCS4")
    tasks.run_matching(services.start_run(cohort, "quality", user).pk)

    response = member_client.get(list_url(cohort), {"status": "unmatched"})

    assert names(response) == ["alone"]


def test_sorting_by_email_descending_name_and_unknown_sort_is_refused(
    member_client, cohort
):
    make_participant(cohort, "mentor", "zed@example.org", last_name="Adams")
    make_participant(cohort, "mentor", "amy@example.org", last_name="Young")

    by_email = member_client.get(list_url(cohort), {"sort": "email"})
    by_name = member_client.get(list_url(cohort), {"sort": "-name"})
    unknown = member_client.get(list_url(cohort), {"sort": "biography"})

    assert names(by_email) == ["amy", "zed"]
    assert names(by_name) == ["amy", "zed"]
    assert names(unknown) == ["zed", "amy"]


def test_page_links_keep_the_filters(member_client, cohort):
    for n in range(51):
        make_participant(cohort, "mentor", f"m{n}@example.org")

    response = member_client.get(list_url(cohort), {"role": "mentor", "q": "m"})

    assert response.context["page"].paginator.num_pages == 2
    assert "?role=mentor&amp;q=m&amp;page=2" in response.content.decode()


def test_each_row_says_where_it_came_from(member_client, cohort):
    make_participant(cohort, "mentor", "f@example.org", source=Participant.Source.FORM)

    response = member_client.get(list_url(cohort))

    assert "Registration form" in response.content.decode()


def test_the_list_takes_the_same_queries_however_many_rows(
    member_client, cohort, django_assert_max_num_queries
):
    for n in range(50):
        add_pair(cohort, n)

    with django_assert_max_num_queries(12):
        response = member_client.get(list_url(cohort))

    assert len(names(response)) == 50


def test_the_cohort_page_links_to_the_list(member_client, cohort):
    response = member_client.get(cohort.get_absolute_url())

    assert list_url(cohort) in response.content.decode()


def test_a_viewer_sees_the_list_without_identity_answers(client, viewer, cohort):
    make_participant(cohort, "mentee", "mia@example.org", identity_to_match="Carer")
    client.force_login(viewer)

    response = client.get(list_url(cohort))

    assert names(response) == ["mia"]
    assert "Carer" not in response.content.decode()
