using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Compliance.Exports;
using PhonePlatform.Compliance.Participants;

namespace PhonePlatform.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>
    /// Cancellation, purge (crypto-shredding + deletion certificate), the retention job as a hosted service, the
    /// processing register from <c>Compliance:ProcessingRegister</c>, and the participants of the areas that exist
    /// here (members, numbers, contacts, audit log, blob catalogue, exports), and exports (<c>Compliance:Exports</c>).
    /// The retention and export jobs run as hosted services only when <paramref name="runJobs"/> (the jobs role).
    /// Needs <see cref="PhonePlatform.Data"/>'s registrations.
    /// </summary>
    public static IServiceCollection AddPhonePlatformCompliance(this IServiceCollection services, IConfiguration configuration, bool runJobs = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ComplianceOptions>(configuration.GetSection("Compliance"));
        services.Configure<ProcessingRegisterOptions>(configuration.GetSection("Compliance:ProcessingRegister"));
        services.AddSingleton<WorkspacePurge>();
        services.AddSingleton<RetentionEnforcer>();
        services.Configure<DataExportOptions>(configuration.GetSection("Compliance:Exports"));
        services.AddSingleton<WorkspaceArchive>();
        services.AddSingleton<MemberArchive>();
        services.AddSingleton<DataExportRunner>();
        services.AddSingleton<ExportDownloads>();
        services.AddScoped<DataExports>();
        services.AddSingleton<RetentionJob>();
        if (runJobs)
        {
            services.AddHostedService(provider => provider.GetRequiredService<RetentionJob>());
            services.AddHostedService<DataExportJob>();
        }

        services.AddScoped<CancelWorkspace>();
        services.AddScoped<WorkspaceStatus>();
        services.AddScoped<RetentionPolicies>();
        services.AddSingleton<ProcessingRegister>();
        services.AddWorkspaceDataParticipant<MembersParticipant>();
        services.AddWorkspaceDataParticipant<NumbersParticipant>();
        services.AddWorkspaceDataParticipant<ContactsParticipant>();
        services.AddWorkspaceDataParticipant<AuditLogParticipant>();
        services.AddWorkspaceDataParticipant<BlobsParticipant>();
        services.AddWorkspaceDataParticipant<ExportsParticipant>();
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
