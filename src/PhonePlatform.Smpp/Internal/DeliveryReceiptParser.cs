using System.Globalization;
using PhonePlatform.Smpp.Internal.Pdus;

namespace PhonePlatform.Smpp.Internal;

/// <summary>
/// Reads a delivery receipt: SMPP 3.4 Appendix B text
/// "id:IIIIIIIIII sub:SSS dlvr:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E Text: ...",
/// overridden by the receipted_message_id, message_state and network_error_code TLVs when present (§4.6.1).
/// Appendix B is "SMSC vendor specific": fields may be missing or in another case, so each is optional.
/// </summary>
internal static class DeliveryReceiptParser
{
    public static DeliveryReceipt Parse(DeliverSmPdu pdu, string text)
    {
        var textStart = IndexOfKey(text, "text:");
        var head = textStart < 0 ? text : text[..textStart];
        var tail = textStart < 0 ? string.Empty : text[(textStart + "text:".Length)..];

        var id = pdu.ReceiptedMessageId ?? Field(head, "id:") ?? string.Empty;
        var state = pdu.MessageState is { } raw && Enum.IsDefined((MessageState)raw)
            ? (MessageState)raw
            : ParseStat(Field(head, "stat:"));

        return new DeliveryReceipt(
            id,
            state,
            Field(head, "err:"),
            pdu.NetworkErrorCode,
            ParseDate(Field(head, "submit date:")),
            ParseDate(Field(head, "done date:")),
            new SmppAddress(pdu.SourceAddr, pdu.SourceAddrTon, pdu.SourceAddrNpi),
            new SmppAddress(pdu.DestinationAddr, pdu.DestAddrTon, pdu.DestAddrNpi),
            tail);
    }

    private static string? Field(string head, string key)
    {
        var start = IndexOfKey(head, key);
        if (start < 0)
        {
            return null;
        }

        start += key.Length;
        var end = head.IndexOf(' ', start);
        return end < 0 ? head[start..] : head[start..end];
    }

    // A key counts at the start or after a space, so "id:" does not match inside another field's value.
    private static int IndexOfKey(string text, string key)
    {
        var from = 0;
        while (from < text.Length)
        {
            var index = text.IndexOf(key, from, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return -1;
            }

            if (index == 0 || text[index - 1] == ' ')
            {
                return index;
            }

            from = index + 1;
        }

        return -1;
    }

    private static MessageState ParseStat(string? stat) => stat?.ToUpperInvariant() switch
    {
        "DELIVRD" => MessageState.Delivered,
        "EXPIRED" => MessageState.Expired,
        "DELETED" => MessageState.Deleted,
        "UNDELIV" => MessageState.Undeliverable,
        "ACCEPTD" => MessageState.Accepted,
        "REJECTD" => MessageState.Rejected,
        "ENROUTE" => MessageState.Enroute,
        _ => MessageState.Unknown,
    };

    private static DateTime? ParseDate(string? value) =>
        value is not null && DateTime.TryParseExact(
            value,
            ["yyMMddHHmm", "yyMMddHHmmss"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var date)
            ? date
            : null;
}
