using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance.Participants;

namespace PhonePlatform.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>
    /// Cancellation, purge (crypto-shredding + deletion certificate), the retention job as a hosted service, the
    /// processing register from <c>Compliance:ProcessingRegister</c>, and the participants of the areas that exist
    /// here (members, numbers, contacts, audit log, blob catalogue). Needs <see cref="PhonePlatform.Data"/>'s registrations.
    /// </summary>
    public static IServiceCollection AddPhonePlatformCompliance(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ComplianceOptions>(configuration.GetSection("Compliance"));
        services.Configure<ProcessingRegisterOptions>(configuration.GetSection("Compliance:ProcessingRegister"));
        services.AddSingleton<WorkspacePurge>();
        services.AddSingleton<RetentionEnforcer>();
        services.AddSingleton<WorkspaceArchive>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionJob>());
        services.AddScoped<CancelWorkspace>();
        services.AddScoped<WorkspaceStatus>();
        services.AddScoped<RetentionPolicies>();
        services.AddSingleton<ProcessingRegister>();
        services.AddWorkspaceDataParticipant<MembersParticipant>();
        services.AddWorkspaceDataParticipant<NumbersParticipant>();
        services.AddWorkspaceDataParticipant<ContactsParticipant>();
        services.AddWorkspaceDataParticipant<AuditLogParticipant>();
        services.AddWorkspaceDataParticipant<BlobsParticipant>();
        return services;
    }

    /// <summary>Adds an area's participant to cancellation and retention.</summary>
    public static IServiceCollection AddWorkspaceDataParticipant<T>(this IServiceCollection services)
        where T : class, IWorkspaceDataParticipant
    {
        services.AddScoped<IWorkspaceDataParticipant, T>();
        return services;
    }
}
