using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Gateway;
using PhonePlatform.Api.Sip;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Voicemail;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Api.Hosting;

/// <summary>
/// The media gateway in this process (role <see cref="PlatformRole.Gateway"/>): SIP transports toward trunks added to
/// the browser edge's stack, the WebRTC and RTP media engines, the B2BUA with PostgreSQL-backed number and device
/// directories, and voicemail into the encrypted blob store.
/// </summary>
public static class GatewayServices
{
    public static IServiceCollection AddPhonePlatformGateway(this IServiceCollection services, IConfiguration configuration, PlatformRoles roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (!roles.Has(PlatformRole.Gateway))
        {
            return services;
        }

        services.Configure<GatewayOptions>(configuration.GetSection("Gateway"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value);
        services.AddSingleton(sp => TrunkTransports(sp.GetRequiredService<GatewayOptions>()));

        services.AddSingleton(sp => new SipTrunkDirectory(sp.GetRequiredService<GatewayOptions>().Trunks.Select(t => t.ToTrunk()).ToList()));
        services.AddSingleton<IMediaLegFactory>(sp => MediaFactory(sp.GetRequiredService<GatewayOptions>()));
        // The blob store, the voicemail repository and the call observer (call records) are the host's (BlobStorageServices, CallServices).
        services.AddSingleton<INumberDirectory, PostgresNumberDirectory>();
        services.AddSingleton<IDeviceDirectory, PostgresDeviceDirectory>();
        services.AddSingleton(sp => new B2bua(
            sp.GetRequiredService<BrowserSipEdge>().Stack,
            sp.GetRequiredService<SipTrunkDirectory>(),
            sp.GetRequiredService<INumberDirectory>(),
            sp.GetRequiredService<BrowserSipEdge>().Locations,
            sp.GetRequiredService<IMediaLegFactory>(),
            new VoicemailRecorder(
                sp.GetRequiredService<IWorkspaceBlobs>(),
                sp.GetRequiredService<IVoicemailRepository>(),
                new VoicemailOptions { MaxLength = sp.GetRequiredService<GatewayOptions>().VoicemailMaxLength },
                sp.GetRequiredService<TimeProvider>()),
            Router(sp.GetRequiredService<GatewayOptions>(), sp.GetRequiredService<SipTrunkDirectory>()),
            sp.GetRequiredService<IDeviceDirectory>())
        {
            Observer = sp.GetRequiredService<ICallObserver>(),
            Options = new B2buaOptions { RingTimeout = sp.GetRequiredService<GatewayOptions>().RingTimeout },
            Cluster = sp.GetRequiredService<IGatewayCluster>(),
        });
        services.AddHostedService<GatewayHost>();
        return services;
    }

    private static TrunkSipTransports TrunkTransports(GatewayOptions options)
    {
        var bind = new IPEndPoint(IPAddress.Parse(options.SipAddress), options.SipPort);
        var udp = new UdpSipTransport(bind) { AdvertisedHost = options.AdvertisedHost };
        if (!options.EnableTcp)
        {
            return new TrunkSipTransports([udp]);
        }

        // TCP on the port UDP got (RFC 3261 §18: both on the same port), which matters when the port is 0.
        var tcp = new TcpSipTransport(new IPEndPoint(bind.Address, udp.LocalEndPoint.Port)) { AdvertisedHost = options.AdvertisedHost };
        return new TrunkSipTransports([udp, tcp]);
    }

    private static CompositeMediaLegFactory MediaFactory(GatewayOptions options)
    {
        var address = IPAddress.Parse(options.MediaAddress);
        var ports = new MediaPortAllocator(options.MediaPortFirst, options.MediaPortLast);
        var webRtc = new WebRtcMediaLegFactory(new WebRtcLegOptions { Address = address, Ports = ports, Certificate = DtlsCertificate.Create() });
        return new CompositeMediaLegFactory(new RtpMediaLegFactory(address, ports), webRtc);
    }

    private static TrunkRouter Router(GatewayOptions options, SipTrunkDirectory trunks) =>
        new([.. options.Trunks.Select(t => new TrunkRoute(trunks.FindByName(t.Name)!, t.Prefix, t.Priority, t.CostPerMinute))], _ => true);
}
