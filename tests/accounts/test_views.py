import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from journal.models import Episode

User = get_user_model()
pytestmark = pytest.mark.django_db


def test_signup_confirmed_by_email_opens_the_journal_with_its_time_zone(client, password):
    response = client.post(
        reverse("signup"),
        {
            "username": "robin",
            "email": "robin@example.com",
            "password1": password,
            "password2": password,
            "timezone": "Australia/Sydney",
            "consent_health_data": "on",
        },
        follow=True,
    )
    assert "Check your email" in response.content.decode()
    user = User.objects.get(username="robin")
    assert not user.is_active  # until the link is followed
    assert Profile.objects.get(user=user).timezone == "Australia/Sydney"

    link = next(line for line in mail.outbox[0].body.splitlines() if "/confirm/" in line)
    path = link[link.index("/accounts/") :].strip()
    opened = client.post(path, {"password": password}, follow=True)
    assert "Welcome to BackCare. Your journal is ready." in opened.content.decode()
    assert opened.redirect_chain[-1][0] == reverse("journal:dashboard")
    user.refresh_from_db()
    assert user.is_active
    assert client.get(path).status_code == 404  # the link works once


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password1": "password", "password2": "password"}, "password2", "too common"),
        (
            {"password1": "a-long-unusual-passphrase-77", "password2": "different-passphrase-77"},
            "password2",
            "match",
        ),
        ({"email": "not-an-email"}, "email", "valid email"),
    ],
    ids=["common-password", "passwords-differ", "bad-email"],
)
def test_signup_rejects_bad_input_and_creates_nothing(client, data, field, message):
    form = {
        "username": "robin",
        "email": "robin@example.com",
        "password1": "a-long-unusual-passphrase-77",
        "password2": "a-long-unusual-passphrase-77",
        "consent_health_data": "on",
        **data,
    }
    response = client.post(reverse("signup"), form)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not User.objects.filter(username="robin").exists()


def test_login_and_logout_by_post(client, user, password):
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.status_code == 302
    assert response.url == reverse("journal:dashboard")
    assert client.get(reverse("logout")).status_code == 405  # GET never logs out
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("journal:dashboard")).status_code == 302


def test_wrong_password_is_refused_with_a_message(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_change(user_client, user, password):
    response = user_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "another-long-passphrase-88",
            "new_password2": "another-long-passphrase-88",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase-88")


def test_password_reset_link_works_once(client, user):
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    path = link[link.index("/accounts/reset/") :]
    form_url = client.get(path).url  # Django swaps the token for a session marker
    response = client.post(
        form_url,
        {"new_password1": "fresh-long-passphrase-99", "new_password2": "fresh-long-passphrase-99"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("fresh-long-passphrase-99")
    again = client.get(path, follow=True)
    assert "not valid" in again.content.decode()


def test_time_zone_setting_is_saved(user_client, user):
    response = user_client.post(reverse("accounts:account_settings"), {"timezone": "Europe/London"})
    assert response.status_code == 302
    assert Profile.objects.get(user=user).timezone == "Europe/London"


def test_unknown_time_zone_is_rejected(user_client, user):
    response = user_client.post(
        reverse("accounts:account_settings"), {"timezone": "Mars/Olympus_Mons"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Profile.objects.get(user=user).timezone == "UTC"


def test_delete_account_needs_the_password(user_client, user):
    response = user_client.post(reverse("accounts:account_delete"), {"password": "wrong"})
    assert "not right" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_removes_all_its_rows(user_client, user, other_user, password):
    from django.utils import timezone

    Episode.objects.create(user=user, started_at=timezone.now(), severity=4, location="lower")
    Episode.objects.create(user=other_user, started_at=timezone.now(), severity=4, location="lower")
    response = user_client.post(
        reverse("accounts:account_delete"), {"password": password}, follow=True
    )
    assert "have been deleted" in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Episode.objects.filter(user_id=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()
    assert Episode.objects.filter(user=other_user).count() == 1


@pytest.mark.parametrize("name", ["account_settings", "account_delete", "password_change"])
def test_account_pages_need_login(client, name):
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_createsuperuser_gets_a_profile_and_admin_works(client):
    admin = User.objects.create_superuser(
        "boss", "boss@example.com", "a-long-unusual-passphrase-77"
    )
    assert Profile.objects.filter(user=admin).exists()
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "BackCare staff" in response.content.decode()


@pytest.mark.parametrize("url_name", ["journal:quick_log", "journal:episode_end"])
def test_a_post_after_the_session_ended_says_so_and_comes_back_to_the_dashboard(
    client, user, password, url_name
):
    episode = Episode.objects.create(
        user=user, started_at=timezone.now(), severity=4, location="lower"
    )
    args = [episode.pk] if url_name == "journal:episode_end" else []

    sent = client.post(reverse(url_name, args=args), {"severity": "6", "location": "neck"})
    login_page = client.get(sent.url)
    assert "You had been logged out, so what you sent was not saved." in login_page.content.decode()

    logged_in = client.post(
        sent.url, {"username": user.username, "password": password}, follow=True
    )
    assert logged_in.status_code == 200
    assert logged_in.redirect_chain[-1][0] == reverse("journal:dashboard")
    assert list(Episode.objects.filter(user=user)) == [episode]
    episode.refresh_from_db()
    assert episode.ended_at is None


def test_a_page_asked_for_while_logged_out_comes_back_after_login(client, user, password):
    sent = client.get(reverse("journal:episode_list") + "?location=neck")
    assert "You had been logged out" not in client.get(sent.url).content.decode()
    logged_in = client.post(sent.url, {"username": user.username, "password": password})
    assert logged_in.url == reverse("journal:episode_list") + "?location=neck"


def test_signup_asks_for_a_time_zone_the_device_can_fill_in(client):
    html = client.get(reverse("signup")).content.decode()
    assert 'name="timezone"' in html
    assert "data-detect-timezone" in html
    assert '<option value="UTC" selected>' in html  # without script, UTC as before


def test_signup_refuses_an_unknown_time_zone_and_creates_nothing(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "robin",
            "email": "robin@example.com",
            "password1": "a-long-unusual-passphrase-77",
            "password2": "a-long-unusual-passphrase-77",
            "timezone": "Mars/Olympus_Mons",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="robin").exists()


def test_settings_show_a_suggested_zone_without_saving_it(user_client, user):
    html = user_client.get(
        reverse("accounts:account_settings"), {"timezone": "Asia/Tokyo"}
    ).content.decode()
    assert '<option value="Asia/Tokyo" selected>' in html
    assert Profile.objects.get(user=user).timezone == "UTC"
    ignored = user_client.get(reverse("accounts:account_settings"), {"timezone": "Not/AZone"})
    assert '<option value="UTC" selected>' in ignored.content.decode()


def test_settings_save_the_name_printed_on_the_report(user_client, user):
    response = user_client.post(
        reverse("accounts:account_settings"),
        {"timezone": "Europe/London", "first_name": "Alex", "last_name": "Morgan"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.get_full_name() == "Alex Morgan"
    report = user_client.get(reverse("journal:report")).content.decode()
    assert "Alex Morgan (alex)" in report


def test_a_bad_setting_saves_nothing(user_client, user):
    response = user_client.post(
        reverse("accounts:account_settings"),
        {"timezone": "Mars/Olympus_Mons", "first_name": "Alex", "last_name": "Morgan"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.get_full_name() == ""
