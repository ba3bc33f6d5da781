using Microsoft.Extensions.Logging;

namespace PhonePlatform.Sms.Internal;

internal static partial class SmsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId}: transient carrier error {Status}, attempt {Attempt}, retry at {RetryAt}")]
    public static partial void TransientFailure(ILogger logger, Guid messageId, string status, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} failed: {Reason}")]
    public static partial void PermanentFailure(ILogger logger, Guid messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMS outbox round failed")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMS ingress item failed")]
    public static partial void IngressFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS to {Destination}, which is no workspace number: dropped")]
    public static partial void UnknownDestination(ILogger logger, string destination);

    [LoggerMessage(Level = LogLevel.Information, Message = "Receipt for unknown carrier id {CarrierMessageId}: dropped")]
    public static partial void UnmatchedReceipt(ILogger logger, string carrierMessageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concatenated inbound message {Reference}: not all parts arrived in time; stored the parts present")]
    public static partial void IncompleteConcatenation(ILogger logger, int reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS carrier {Carrier} link up={IsUp}: {Reason}")]
    public static partial void CarrierLink(ILogger logger, string carrier, bool isUp, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMS carrier {Carrier} refused the bind ({Reason}): check Sms:Carriers:{Carrier}:SystemId and Password; messages stay queued")]
    public static partial void BindRefused(ILogger logger, string carrier, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS carrier {Carrier} unreachable: {Reason}; retrying")]
    public static partial void CarrierUnreachable(ILogger logger, string carrier, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMS carrier configured (Sms:Carriers): outbound messages stay queued")]
    public static partial void NoCarrier(ILogger logger);
}
