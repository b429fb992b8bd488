using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Web.Data;

/// <summary>
/// The one model of the dashboard. Each database provider has its own subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>) only so that each gets its own migration set; the app uses
/// <c>IDbContextFactory&lt;AppDbContext&gt;</c> and never names a provider (docs/decisions/008).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<CloudAccount> Accounts => Set<CloudAccount>();
    public DbSet<ScanRun> ScanRuns => Set<ScanRun>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<ScanResult> ScanResults => Set<ScanResult>();
    public DbSet<FindingEvent> FindingEvents => Set<FindingEvent>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ScanDiffEntry> ScanDiffEntries => Set<ScanDiffEntry>();
    public DbSet<ScanSeverityAggregate> SeverityAggregates => Set<ScanSeverityAggregate>();
    public DbSet<ScanComplianceAggregate> ComplianceAggregates => Set<ScanComplianceAggregate>();
    public DbSet<MuteRule> MuteRules => Set<MuteRule>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every web node (Hosting/DataProtectionSetup.cs).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date type: store instants as sortable integers so ORDER BY and range filters run in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var modelBuilder = builder;

        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Target).HasMaxLength(400);
            e.Property(a => a.IpAddress).HasMaxLength(64);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Action, a.At });
            e.HasIndex(a => new { a.UserId, a.At });
        });

        modelBuilder.Entity<ApiToken>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(40);
            e.HasIndex(t => t.Prefix).IsUnique();
            e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CloudAccount>(e =>
        {
            e.Property(a => a.AwsAccountId).HasMaxLength(12);
            e.Property(a => a.Name).HasMaxLength(200);
            e.HasIndex(a => a.AwsAccountId).IsUnique();
            e.Property(a => a.Profile).HasMaxLength(200);
            e.Property(a => a.RoleArn).HasMaxLength(2048);
            e.Property(a => a.ExternalId).HasMaxLength(100);
            e.Property(a => a.HomeRegion).HasMaxLength(50);
            e.Property(a => a.Regions).HasMaxLength(2000);
            e.Property(a => a.CheckScope).HasMaxLength(4000);
            e.Property(a => a.Schedule).HasMaxLength(100);
            e.Property(a => a.ScheduleTimeZone).HasMaxLength(100);
            e.Property(a => a.EndpointUrl).HasMaxLength(500);
        });

        modelBuilder.Entity<ScanRun>(e =>
        {
            e.Property(r => r.Trigger).HasMaxLength(20);
            e.HasIndex(r => new { r.AccountId, r.State });

            // One active (Queued or Running) run per account, enforced by the database: a double click or two nodes
            // racing cannot create a second run; the loser joins the existing one.
            e.HasIndex(r => r.AccountId).IsUnique().HasFilter("\"State\" IN (0, 1)").HasDatabaseName("IX_ScanRuns_OneActivePerAccount");
            e.HasIndex(r => new { r.State, r.LeaseUntil });
            e.Property(r => r.LeaseOwner).HasMaxLength(200);
            e.Property(r => r.CurrentUnit).HasMaxLength(200);
            e.HasOne(r => r.Account).WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Finding>(e =>
        {
            e.Property(f => f.CheckId).HasMaxLength(100);
            e.Property(f => f.Service).HasMaxLength(50);
            e.Property(f => f.Region).HasMaxLength(50);
            // Resource second: an account's findings sorted by resource read this index in order (the identity is the same).
            e.HasIndex(f => new { f.AccountId, f.ResourceId, f.CheckId, f.Region }).IsUnique();
            e.HasIndex(f => new { f.Status, f.Severity });
            e.HasIndex(f => f.CheckId);
            // With the id: a scan gives thousands of findings the same LastSeen, and the explorer's tie-breaker is the id.
            e.HasIndex(f => new { f.LastSeen, f.Id });
            e.HasIndex(f => new { f.Lifecycle, f.Severity });

            // The explorer's indexes (docs/decisions/016). Its views hide muted findings, so they cover only unmuted
            // rows, with "MutedByRuleId IS NULL" as the index filter (PostgreSQL cannot order by an index whose
            // leading column is only tested with IS NULL). The default view (failed, worst first) reads the first
            // in order and stops at the page; the facets index answers the common filters (status, severity,
            // region, account, triage, check) and the last-seen sort from the index alone; the small muted index
            // counts the "n muted hidden" of every page.
            e.HasIndex(f => new { f.Status, f.Severity, f.CheckTitle, f.ResourceId, f.Id }, "IX_Findings_ExplorerDefault")
                .IsDescending(false, true, false, false, false)
                .HasFilter("\"MutedByRuleId\" IS NULL");
            e.HasIndex(f => new { f.Status, f.Severity, f.Region, f.AccountId, f.TriageState, f.CheckId, f.LastSeen }, "IX_Findings_ExplorerFacets")
                .HasFilter("\"MutedByRuleId\" IS NULL");
            e.HasIndex(f => new { f.Status, f.Severity, f.Region, f.AccountId, f.TriageState, f.CheckId }, "IX_Findings_ExplorerMuted")
                .HasFilter("\"MutedByRuleId\" IS NOT NULL");

            // One check's findings in the default order (from Overview's top checks and the Compliance page): a
            // check has one severity, so an ordered walk of the default index would pass every other check first.
            e.HasIndex(f => new { f.CheckId, f.Status, f.Severity, f.CheckTitle, f.ResourceId, f.Id }, "IX_Findings_ExplorerCheck")
                .IsDescending(false, false, true, false, false, false)
                .HasFilter("\"MutedByRuleId\" IS NULL");

            // The explorer's region choices are read from this index one value at a time (FindingsQuery.GetFilterChoicesAsync).
            e.HasIndex(f => f.Region);
            e.HasIndex(f => f.MutedByRuleId);
            e.HasIndex(f => new { f.FirstSeen, f.Id });
            e.HasIndex(f => f.Assignee);
            e.HasIndex(f => f.RiskAcceptedUntil);
            e.Property(f => f.Assignee).HasMaxLength(256);
            e.Property(f => f.RiskApprover).HasMaxLength(256);
            e.Property(f => f.RiskJustification).HasMaxLength(2000);
            e.HasOne(f => f.Account).WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FindingEvent>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.HasIndex(x => new { x.FindingId, x.At });
            e.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScanResult>(e =>
        {
            e.HasIndex(r => new { r.ScanRunId, r.FindingId }).IsUnique();
            e.HasIndex(r => r.FindingId);
            e.HasOne(r => r.Finding).WithMany().HasForeignKey(r => r.FindingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ScanRun>().WithMany().HasForeignKey(r => r.ScanRunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScanDiffEntry>(e =>
        {
            e.HasIndex(d => new { d.ScanRunId, d.Change });
            e.HasIndex(d => d.FindingId);
            e.HasOne(d => d.Finding).WithMany().HasForeignKey(d => d.FindingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ScanRun>().WithMany().HasForeignKey(d => d.ScanRunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NotificationDelivery>(e =>
        {
            e.HasIndex(n => new { n.ScanRunId, n.Channel }).IsUnique();
            e.HasIndex(n => n.UpdatedAt);
            e.Property(n => n.Error).HasMaxLength(1000);
            e.HasOne<ScanRun>().WithMany().HasForeignKey(n => n.ScanRunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScanSeverityAggregate>(e =>
        {
            // Covers the trend query (TrendsQuery.GetSeverityTrendAsync): a year of a large organisation's scans is read
            // from this index alone, without a lookup per row.
            e.HasIndex(a => new
            {
                a.At, a.AccountId, a.ScanRunId, a.Severity, a.OpenCount, a.MutedOpenCount, a.OverdueCount, a.NewCount, a.ResolvedCount,
                a.RegressedCount, a.RemediationSeconds,
            }, "IX_SeverityAggregates_Trend");
            e.HasIndex(a => new { a.ScanRunId, a.Severity }).IsUnique();
            e.HasOne<ScanRun>().WithMany().HasForeignKey(a => a.ScanRunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScanComplianceAggregate>(e =>
        {
            e.Property(a => a.FrameworkId).HasMaxLength(100);
            e.Property(a => a.SectionId).HasMaxLength(50);
            // Covers the compliance trend query (TrendsQuery.GetComplianceTrendAsync), as above.
            e.HasIndex(a => new { a.FrameworkId, a.SectionId, a.At, a.AccountId, a.ScanRunId, a.Passed, a.Failed, a.Manual, a.Error }, "IX_ComplianceAggregates_Trend");
            e.HasIndex(a => new { a.ScanRunId, a.FrameworkId, a.SectionId }).IsUnique();
            e.HasOne<ScanRun>().WithMany().HasForeignKey(a => a.ScanRunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MuteRule>(e =>
        {
            e.Property(m => m.CheckId).HasMaxLength(100);
            e.Property(m => m.Region).HasMaxLength(50);
            e.Property(m => m.ResourcePattern).HasMaxLength(500);
            e.Property(m => m.Tag).HasMaxLength(300);
            e.Property(m => m.Justification).HasMaxLength(2000);
            e.Property(m => m.CreatedBy).HasMaxLength(256);
            e.HasOne<CloudAccount>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
