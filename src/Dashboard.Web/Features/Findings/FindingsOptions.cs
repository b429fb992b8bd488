using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Checks;

namespace Dashboard.Web.Features.Findings;

/// <summary>Remediation SLAs and retention of raw results. Section "Findings".</summary>
public sealed class FindingsOptions
{
    public const string Section = "Findings";

    /// <summary>Days to fix a finding of each severity, counted from when it opened; 0 = no due date.</summary>
    [Range(0, 3650)] public int CriticalSlaDays { get; set; } = 7;
    [Range(0, 3650)] public int HighSlaDays { get; set; } = 30;
    [Range(0, 3650)] public int MediumSlaDays { get; set; } = 90;
    [Range(0, 3650)] public int LowSlaDays { get; set; } = 180;
    [Range(0, 3650)] public int InformationalSlaDays { get; set; }

    /// <summary>Raw per-scan results older than this are deleted by the retention job; findings and aggregates stay.</summary>
    [Range(1, 36500)] public int RawResultRetentionDays { get; set; } = 180;

    public TimeSpan? SlaFor(Severity severity)
    {
        var days = severity switch
        {
            Severity.Critical => CriticalSlaDays,
            Severity.High => HighSlaDays,
            Severity.Medium => MediumSlaDays,
            Severity.Low => LowSlaDays,
            _ => InformationalSlaDays,
        };
        return days > 0 ? TimeSpan.FromDays(days) : null;
    }
}
