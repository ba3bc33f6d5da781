namespace PhonePlatform.Smpp;

/// <summary>The specification's names for <see cref="CommandStatus"/> values and whether a retry can help.</summary>
public static class CommandStatusInfo
{
    /// <summary>The SMPP 3.4 §5.1.3 name, e.g. <c>ESME_RTHROTTLED</c>; unknown vendor codes read <c>0x........</c>.</summary>
    public static string Name(CommandStatus status) => status switch
    {
        CommandStatus.Ok => "ESME_ROK",
        CommandStatus.InvalidMessageLength => "ESME_RINVMSGLEN",
        CommandStatus.InvalidCommandLength => "ESME_RINVCMDLEN",
        CommandStatus.InvalidCommandId => "ESME_RINVCMDID",
        CommandStatus.IncorrectBindStatus => "ESME_RINVBNDSTS",
        CommandStatus.AlreadyBound => "ESME_RALYBND",
        CommandStatus.InvalidPriorityFlag => "ESME_RINVPRTFLG",
        CommandStatus.InvalidRegisteredDeliveryFlag => "ESME_RINVREGDLVFLG",
        CommandStatus.SystemError => "ESME_RSYSERR",
        CommandStatus.InvalidSourceAddress => "ESME_RINVSRCADR",
        CommandStatus.InvalidDestinationAddress => "ESME_RINVDSTADR",
        CommandStatus.InvalidMessageId => "ESME_RINVMSGID",
        CommandStatus.BindFailed => "ESME_RBINDFAIL",
        CommandStatus.InvalidPassword => "ESME_RINVPASWD",
        CommandStatus.InvalidSystemId => "ESME_RINVSYSID",
        CommandStatus.CancelFailed => "ESME_RCANCELFAIL",
        CommandStatus.ReplaceFailed => "ESME_RREPLACEFAIL",
        CommandStatus.MessageQueueFull => "ESME_RMSGQFUL",
        CommandStatus.InvalidServiceType => "ESME_RINVSERTYP",
        CommandStatus.InvalidNumberOfDestinations => "ESME_RINVNUMDESTS",
        CommandStatus.InvalidDistributionListName => "ESME_RINVDLNAME",
        CommandStatus.InvalidDestinationFlag => "ESME_RINVDESTFLAG",
        CommandStatus.InvalidSubmitWithReplace => "ESME_RINVSUBREP",
        CommandStatus.InvalidEsmClass => "ESME_RINVESMCLASS",
        CommandStatus.CannotSubmitToDistributionList => "ESME_RCNTSUBDL",
        CommandStatus.SubmitFailed => "ESME_RSUBMITFAIL",
        CommandStatus.InvalidSourceTon => "ESME_RINVSRCTON",
        CommandStatus.InvalidSourceNpi => "ESME_RINVSRCNPI",
        CommandStatus.InvalidDestinationTon => "ESME_RINVDSTTON",
        CommandStatus.InvalidDestinationNpi => "ESME_RINVDSTNPI",
        CommandStatus.InvalidSystemType => "ESME_RINVSYSTYP",
        CommandStatus.InvalidReplaceIfPresentFlag => "ESME_RINVREPFLAG",
        CommandStatus.InvalidNumberOfMessages => "ESME_RINVNUMMSGS",
        CommandStatus.Throttled => "ESME_RTHROTTLED",
        CommandStatus.InvalidScheduledDeliveryTime => "ESME_RINVSCHED",
        CommandStatus.InvalidValidityPeriod => "ESME_RINVEXPIRY",
        CommandStatus.InvalidPredefinedMessage => "ESME_RINVDFTMSGID",
        CommandStatus.TemporaryApplicationError => "ESME_RX_T_APPN",
        CommandStatus.PermanentApplicationError => "ESME_RX_P_APPN",
        CommandStatus.RejectedApplicationError => "ESME_RX_R_APPN",
        CommandStatus.QueryFailed => "ESME_RQUERYFAIL",
        CommandStatus.InvalidOptionalParameterStream => "ESME_RINVOPTPARSTREAM",
        CommandStatus.OptionalParameterNotAllowed => "ESME_ROPTPARNOTALLWD",
        CommandStatus.InvalidParameterLength => "ESME_RINVPARLEN",
        CommandStatus.MissingOptionalParameter => "ESME_RMISSINGOPTPARAM",
        CommandStatus.InvalidOptionalParameterValue => "ESME_RINVOPTPARAMVAL",
        CommandStatus.DeliveryFailure => "ESME_RDELIVERYFAILURE",
        CommandStatus.UnknownError => "ESME_RUNKNOWNERR",
        _ => $"0x{(uint)status:X8}",
    };

    /// <summary>
    /// Whether the same request may succeed later: congestion and temporary failures of the SMSC
    /// (SMPP 3.4 §5.1.3: ESME_RTHROTTLED "exceeded allowed message limits", ESME_RMSGQFUL, ESME_RX_T_APPN, ...).
    /// Everything else (bad address, bad data) fails again unchanged.
    /// </summary>
    public static bool IsTransient(CommandStatus status) => status is
        CommandStatus.Throttled
        or CommandStatus.MessageQueueFull
        or CommandStatus.SystemError
        or CommandStatus.SubmitFailed
        or CommandStatus.TemporaryApplicationError
        or CommandStatus.DeliveryFailure
        or CommandStatus.UnknownError;
}
