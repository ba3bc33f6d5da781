using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Gateway;
using PhonePlatform.Api.Sip;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Recording;
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
            services.AddSingleton<ITrunkStates>(NoGatewayTrunkStates.Instance);
            return services;
        }

        services.Configure<GatewayOptions>(configuration.GetSection("Gateway"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value);
        services.AddSingleton(sp => TrunkTransports(sp.GetRequiredService<GatewayOptions>()));

        // The operator's carriers until the catalog's first reload adds the workspaces' own trunks.
        services.AddSingleton(sp => new SipTrunkDirectory(sp.GetRequiredService<GatewayOptions>().Trunks.Select(t => t.ToTrunk()).ToList()));
        services.AddSingleton(sp => new TrunkHealthMonitor(sp.GetRequiredService<BrowserSipEdge>().Stack, sp.GetRequiredService<SipTrunkDirectory>().All));
        services.AddSingleton(sp => Router(sp.GetRequiredService<GatewayOptions>(), sp.GetRequiredService<SipTrunkDirectory>(), sp.GetRequiredService<TrunkHealthMonitor>()));
        services.AddSingleton<TrunkCatalog>();
        services.AddSingleton<ITrunkStates>(sp => sp.GetRequiredService<TrunkCatalog>());
        services.AddHostedService(sp => sp.GetRequiredService<TrunkCatalog>());
        services.AddSingleton(sp => new MediaPorts(sp.GetRequiredService<GatewayOptions>()));
        services.AddSingleton<IMediaLegFactory>(sp => MediaFactory(sp.GetRequiredService<GatewayOptions>(), sp.GetRequiredService<MediaPorts>()));
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
            sp.GetRequiredService<TrunkRouter>(),
            sp.GetRequiredService<IDeviceDirectory>())
        {
            Observer = sp.GetRequiredService<ICallObserver>(),
            CallSettings = sp.GetRequiredService<INumberCallSettings>(),
            Recordings = new CallRecordings(
                sp.GetRequiredService<IWorkspaceBlobs>(), sp.GetRequiredService<ICallRecordingRepository>(), sp.GetRequiredService<TimeProvider>()),
            Options = new B2buaOptions
            {
                RingTimeout = sp.GetRequiredService<GatewayOptions>().RingTimeout,
                TrunkSetupTimeout = sp.GetRequiredService<GatewayOptions>().TrunkSetupTimeout,
            },
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

    private static CompositeMediaLegFactory MediaFactory(GatewayOptions options, MediaPorts ports)
    {
        var webRtc = new WebRtcMediaLegFactory(new WebRtcLegOptions
        {
            Address = ports.Address, Ports = ports.Allocator, Multiplexed = ports.Multiplexed, Certificate = DtlsCertificate.Create(),
        });
        return new CompositeMediaLegFactory(new RtpMediaLegFactory(ports.Address, ports.Allocator), webRtc);
    }

    // Healthy: not marked down by OPTIONS (TrunkRouter adds its own verdict from recent calls).
    private static TrunkRouter Router(GatewayOptions options, SipTrunkDirectory trunks, TrunkHealthMonitor monitor) =>
        new([.. options.Trunks.Select(t => new TrunkRoute(trunks.FindByName(t.Name)!, t.Prefix, t.Priority, t.CostPerMinute))],
            t => monitor.GetHealth(t.Id).Status != TrunkStatus.Down);
}
