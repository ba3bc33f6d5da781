namespace PhonePlatform.Sip.Dialogs;

/// <summary>RFC 3261 §12: a dialog created by a 1xx with a To tag is early; a 2xx confirms it; BYE ends it.</summary>
public enum SipDialogState
{
    Early,
    Confirmed,
    Terminated,
}
