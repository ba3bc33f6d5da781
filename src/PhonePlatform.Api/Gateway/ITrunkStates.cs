using PhonePlatform.Api.Contracts;

namespace PhonePlatform.Api.Gateway;

/// <summary>The gateway's side of the trunks API: live state of a trunk, and word that trunks were changed.</summary>
public interface ITrunkStates
{
    /// <summary>Live state of a workspace trunk; null when this process runs no gateway.</summary>
    TrunkStateResponse? Describe(Guid trunkId);

    /// <summary>Trunks were created, changed or deleted: reload now rather than at the next interval.</summary>
    void Changed();
}

/// <summary>A process without the gateway role: no live state; gateways elsewhere pick changes up on their interval.</summary>
public sealed class NoGatewayTrunkStates : ITrunkStates
{
    public static NoGatewayTrunkStates Instance { get; } = new();

    public TrunkStateResponse? Describe(Guid trunkId) => null;

    public void Changed()
    {
    }
}
