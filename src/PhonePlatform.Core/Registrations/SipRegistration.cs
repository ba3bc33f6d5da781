namespace PhonePlatform.Core.Registrations;

/// <summary>
/// One registered device of a workspace user (RFC 3261 §10.3 binding): the contact it registered, the RFC 5626
/// instance and flow it registered over, the gateway node holding that flow, and when it expires.
/// </summary>
public sealed class SipRegistration : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>Address-of-record, <c>sip:user@realm</c>.</summary>
    public required string AddressOfRecord { get; set; }

    /// <summary>The Contact value as registered (name-addr with its parameters).</summary>
    public required string Contact { get; set; }
    public required string ContactUri { get; set; }

    /// <summary>RFC 5626 <c>+sip.instance</c> and <c>reg-id</c>: one device, one flow.</summary>
    public string? InstanceId { get; set; }
    public string? RegId { get; set; }

    public required string CallId { get; set; }
    public long CSeq { get; set; }

    /// <summary>The flow the REGISTER arrived on: transport, remote address and connection of that node.</summary>
    public required string FlowTransport { get; set; }
    public required string FlowAddress { get; set; }
    public long FlowConnectionId { get; set; }

    /// <summary>The gateway node that holds the flow; requests for this device must leave through it.</summary>
    public required string NodeId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
