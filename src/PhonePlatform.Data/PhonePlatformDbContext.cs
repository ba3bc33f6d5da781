using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core;
using PhonePlatform.Core.ApiKeys;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Cluster;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Idempotency;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Registrations;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Core.Workspaces;
using PhonePlatform.Data.Blobs;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Data;

/// <summary>
/// The one place tenancy is enforced. Every <see cref="ITenantScoped"/> set (and <see cref="Workspaces"/>) carries a
/// global query filter on <see cref="CurrentWorkspaceId"/>, so a record of another workspace is simply not found;
/// <see cref="SaveChanges(bool)"/> stamps new records with the current workspace and refuses cross-workspace writes.
/// With no current workspace, scoped sets are empty and scoped writes fail: the design fails closed.
/// </summary>
public sealed class PhonePlatformDbContext(DbContextOptions<PhonePlatformDbContext> options, ITenantContext tenant)
    : DbContext(options)
{
    private Guid? workspaceOverride;

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<PhoneNumber> PhoneNumbers => Set<PhoneNumber>();
    public DbSet<NumberAccess> NumberAccess => Set<NumberAccess>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<KeyRotation> KeyRotations => Set<KeyRotation>();
    public DbSet<WorkspaceEvent> WorkspaceEvents => Set<WorkspaceEvent>();
    public DbSet<CallRecord> CallRecords => Set<CallRecord>();
    public DbSet<Voicemail> Voicemails => Set<Voicemail>();
    public DbSet<CallRecording> CallRecordings => Set<CallRecording>();
    public DbSet<NumberCallSettings> NumberCallSettings => Set<NumberCallSettings>();
    public DbSet<StoredBlob> StoredBlobs => Set<StoredBlob>();
    public DbSet<SipRegistration> SipRegistrations => Set<SipRegistration>();
    public DbSet<GatewayNode> GatewayNodes => Set<GatewayNode>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookSecret> WebhookSecrets => Set<WebhookSecret>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<PhonePlatform.Core.Billing.BillingAccount> BillingAccounts => Set<PhonePlatform.Core.Billing.BillingAccount>();

    /// <summary>The workspace every query and write is confined to; read by the query filters on each query.</summary>
    public Guid? CurrentWorkspaceId => tenant.WorkspaceId ?? workspaceOverride;

    /// <summary>
    /// Enters a workspace where there is no authenticated principal yet: sign-up, login, command-line tools.
    /// A request that already carries a principal can never switch to another workspace.
    /// </summary>
    public void UseWorkspace(Guid workspaceId)
    {
        if (tenant.WorkspaceId is { } fromPrincipal && fromPrincipal != workspaceId)
        {
            throw new TenantViolationException("The principal's workspace cannot be switched.");
        }

        workspaceOverride = workspaceId;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampAndGuardTenancy();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampAndGuardTenancy();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        EncryptedFieldModel.ConfigureConventions(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PhonePlatformDbContext).Assembly);

        modelBuilder.Entity<Workspace>().HasQueryFilter(w => w.Id == CurrentWorkspaceId);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(ITenantScoped).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
            }
        }

        EncryptedFieldModel.IndexBlindIndexes(modelBuilder);
    }

    // e => e.WorkspaceId == this.CurrentWorkspaceId, built once per model; EF re-reads the property per query.
    private LambdaExpression TenantFilter(Type clrType)
    {
        var entity = Expression.Parameter(clrType, "e");
        var column = Expression.Convert(Expression.Property(entity, nameof(ITenantScoped.WorkspaceId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentWorkspaceId));
        return Expression.Lambda(Expression.Equal(column, current), entity);
    }

    private void StampAndGuardTenancy()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantScoped>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var current = CurrentWorkspaceId
                ?? throw new TenantViolationException($"No current workspace for writing {entry.Metadata.ClrType.Name}.");
            if (entry.State == EntityState.Added && entry.Entity.WorkspaceId == Guid.Empty)
            {
                entry.Entity.WorkspaceId = current;
            }

            if (entry.Entity.WorkspaceId != current)
            {
                throw new TenantViolationException($"{entry.Metadata.ClrType.Name} belongs to another workspace.");
            }
        }
    }
}
