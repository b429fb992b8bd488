using Dashboard.Web.Data;
using Dashboard.Web.Features.Findings.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Findings;

public sealed record MuteRuleInput(int? AccountId, string? CheckId, string? Region, string? ResourcePattern, string? Tag, string Justification, DateTimeOffset? ExpiresAt);

public sealed record MuteRuleRow(MuteRule Rule, string? AccountName, int MutedFindings);

/// <summary>Creates and removes mute rules and applies them to existing findings at once (scans apply them to new results).</summary>
public sealed class MuteRuleCommands(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, Security.AuditLog audit)
{
    public async Task<(MuteRule? Rule, int Muted, string? Error)> CreateAsync(MuteRuleInput input, string actor, string? actorId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var rule = new MuteRule
        {
            AccountId = input.AccountId, CheckId = Clean(input.CheckId), Region = Clean(input.Region), ResourcePattern = Clean(input.ResourcePattern),
            Tag = Clean(input.Tag), Justification = input.Justification?.Trim() ?? "", ExpiresAt = input.ExpiresAt, CreatedBy = actor, CreatedAt = now,
        };
        if (rule.Justification.Length == 0)
        {
            return (null, 0, "A mute rule needs a justification.");
        }

        if (rule is { AccountId: null, CheckId: null, Region: null, ResourcePattern: null, Tag: null })
        {
            return (null, 0, "A mute rule needs at least one criterion (account, check, region, resource pattern or tag).");
        }

        if (rule.ExpiresAt is { } expires && expires <= now)
        {
            return (null, 0, "The expiry must be in the future.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.MuteRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        var muted = await ReapplyAsync(db, Scope(db.Findings, rule), now, cancellationToken);
        await audit.WriteAsync("mute-rule.created", actor, actorId, target: $"mute-rule:{rule.Id}",
            after: new { rule.AccountId, rule.CheckId, rule.Region, rule.ResourcePattern, rule.Tag, rule.Justification, rule.ExpiresAt, MutedFindings = muted });
        return (rule, muted, null);
    }

    public async Task<bool> DeleteAsync(long ruleId, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.MuteRules.SingleOrDefaultAsync(r => r.Id == ruleId, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        db.MuteRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        var changed = await ReapplyAsync(db, db.Findings.Where(f => f.MutedByRuleId == ruleId), clock.GetUtcNow(), cancellationToken);
        await audit.WriteAsync("mute-rule.deleted", actor, actorId, target: $"mute-rule:{ruleId}",
            before: new { rule.AccountId, rule.CheckId, rule.Region, rule.ResourcePattern, rule.Tag, rule.Justification, rule.ExpiresAt }, after: new { UnmutedFindings = changed });
        return true;
    }

    public async Task<IReadOnlyList<MuteRuleRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.MuteRules.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var counts = await db.Findings.Where(f => f.MutedByRuleId != null).GroupBy(f => f.MutedByRuleId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var accounts = await db.Accounts.ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return rules.Select(r => new MuteRuleRow(r, r.AccountId is { } a ? accounts.GetValueOrDefault(a) : null, counts.GetValueOrDefault(r.Id))).ToList();
    }

    private static IQueryable<Finding> Scope(IQueryable<Finding> findings, MuteRule rule)
    {
        if (rule.AccountId is { } account)
        {
            findings = findings.Where(f => f.AccountId == account);
        }

        if (rule.CheckId is { } check)
        {
            findings = findings.Where(f => f.CheckId == check);
        }

        if (rule.Region is { } region)
        {
            findings = findings.Where(f => f.Region == region);
        }

        return findings;
    }

    /// <summary>Re-decides muting of the given findings against every rule; returns how many changed.</summary>
    private static async Task<int> ReapplyAsync(AppDbContext db, IQueryable<Finding> findings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var matcher = new MuteMatcher(await db.MuteRules.AsNoTracking().ToListAsync(cancellationToken), now);
        var changed = 0;
        long after = 0;
        while (true)
        {
            var batch = await findings.Where(f => f.Id > after).OrderBy(f => f.Id).Take(2000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return changed;
            }

            changed += matcher.Apply(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = batch[^1].Id;
        }
    }
}
