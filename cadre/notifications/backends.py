"""Where messages go: the local outbox (the default) or GOV.UK Notify (ADR 30)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cadre.notifications.models import Message

OUTBOX = "outbox"
NOTIFY = "notify"
BACKENDS = (OUTBOX, NOTIFY)


class DeliveryFailed(Exception):
    pass


def configured_backend() -> str:
    backend = getattr(settings, "CADRE_NOTIFICATIONS_BACKEND", OUTBOX)
    if backend not in BACKENDS:
        raise ImproperlyConfigured(f"CADRE_NOTIFICATIONS_BACKEND must be one of "
                                   f"{', '.join(BACKENDS)}, not {backend!r}.")
    return backend


def deliver(message: Message) -> tuple[str, str]:
    """Send one message; the new status and Notify's id for it (empty for the outbox)."""
    if message.backend == OUTBOX:
        return Message.Status.STORED, ""
    return Message.Status.SENT, _send_through_notify(message)


def _send_through_notify(message: Message) -> str:
    from notifications_python_client.errors import APIError
    from notifications_python_client.notifications import NotificationsAPIClient

    api_key = getattr(settings, "CADRE_NOTIFY_API_KEY", "")
    template_id = (getattr(settings, "CADRE_NOTIFY_TEMPLATES", {}) or {}).get(message.kind)
    if not api_key:
        raise DeliveryFailed("CADRE_NOTIFY_API_KEY is not set.")
    if not template_id:
        raise DeliveryFailed(f"CADRE_NOTIFY_TEMPLATE_{message.kind.upper()} is not set.")
    client = NotificationsAPIClient(api_key, base_url=settings.CADRE_NOTIFY_BASE_URL,
                                    timeout=settings.CADRE_NOTIFY_TIMEOUT)
    try:
        response = client.send_email_notification(
            email_address=message.to, template_id=template_id,
            personalisation=message.personalisation, reference=f"cadre-message-{message.pk}")
    except APIError as exc:
        raise DeliveryFailed(f"GOV.UK Notify refused the message: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - network errors of any kind are a failed send
        raise DeliveryFailed(f"GOV.UK Notify could not be reached: {exc}") from exc
    return str(response.get("id", ""))


def fetch_delivery_status(notify_id: str) -> str:
    """GOV.UK Notify's delivery status of one notification it accepted (``delivered``,
    ``permanent-failure``, ...), read with ``get_notification_by_id``.

    Raises ``DeliveryFailed`` when Notify cannot be asked or refuses to answer.
    """
    from notifications_python_client.errors import APIError
    from notifications_python_client.notifications import NotificationsAPIClient

    api_key = getattr(settings, "CADRE_NOTIFY_API_KEY", "")
    if not api_key:
        raise DeliveryFailed("CADRE_NOTIFY_API_KEY is not set.")
    client = NotificationsAPIClient(api_key, base_url=settings.CADRE_NOTIFY_BASE_URL,
                                    timeout=settings.CADRE_NOTIFY_TIMEOUT)
    try:
        response = client.get_notification_by_id(notify_id)
    except APIError as exc:
        raise DeliveryFailed(f"GOV.UK Notify refused the status request: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - network errors of any kind
        raise DeliveryFailed(f"GOV.UK Notify could not be reached: {exc}") from exc
    status = response.get("status") if isinstance(response, dict) else None
    if not isinstance(status, str) or not status:
        raise DeliveryFailed("GOV.UK Notify's answer had no status.")
    return status[:40]
