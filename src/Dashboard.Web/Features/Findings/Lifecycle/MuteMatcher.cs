using System.Text.RegularExpressions;
using Dashboard.Web.Data;

namespace Dashboard.Web.Features.Findings.Lifecycle;

/// <summary>Decides which active mute rule, if any, hides a finding. The oldest matching rule wins.</summary>
public sealed class MuteMatcher
{
    private readonly List<(MuteRule Rule, Regex? Pattern)> _rules;

    public MuteMatcher(IEnumerable<MuteRule> rules, DateTimeOffset now) =>
        _rules = rules.Where(r => r.ExpiresAt is null || r.ExpiresAt > now).OrderBy(r => r.Id)
            .Select(r => (r, string.IsNullOrWhiteSpace(r.ResourcePattern) ? null : Glob(r.ResourcePattern)))
            .ToList();

    public long? Match(Finding finding)
    {
        foreach (var (rule, pattern) in _rules)
        {
            if ((rule.AccountId is null || rule.AccountId == finding.AccountId)
                && (string.IsNullOrEmpty(rule.CheckId) || string.Equals(rule.CheckId, finding.CheckId, StringComparison.Ordinal))
                && (string.IsNullOrEmpty(rule.Region) || string.Equals(rule.Region, finding.Region, StringComparison.OrdinalIgnoreCase))
                && (pattern is null || pattern.IsMatch(finding.ResourceId) || (finding.ResourceArn is { } arn && pattern.IsMatch(arn)))
                && (string.IsNullOrWhiteSpace(rule.Tag) || HasTag(finding.Tags, rule.Tag.Trim())))
            {
                return rule.Id;
            }
        }

        return null;
    }

    /// <summary>Applies the rules to findings; returns how many changed.</summary>
    public int Apply(IEnumerable<Finding> findings)
    {
        var changed = 0;
        foreach (var finding in findings)
        {
            var muted = Match(finding);
            if (muted != finding.MutedByRuleId)
            {
                finding.MutedByRuleId = muted;
                changed++;
            }
        }

        return changed;
    }

    internal static bool HasTag(string? tags, string wanted)
    {
        if (string.IsNullOrEmpty(tags))
        {
            return false;
        }

        var lines = tags.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return wanted.Contains('=', StringComparison.Ordinal)
            ? lines.Any(l => string.Equals(l, wanted, StringComparison.Ordinal))
            : lines.Any(l => l.StartsWith(wanted + "=", StringComparison.Ordinal));
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern.Trim()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
}
