using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FindingsLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NewCount",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RegressedCount",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResolvedCount",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UnchangedCount",
                table: "ScanRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Assignee",
                table: "Findings",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DueAt",
                table: "Findings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Lifecycle",
                table: "Findings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "MutedByRuleId",
                table: "Findings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OpenedAt",
                table: "Findings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReopenCount",
                table: "Findings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ResolvedAt",
                table: "Findings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RiskAcceptedUntil",
                table: "Findings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskApprover",
                table: "Findings",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskJustification",
                table: "Findings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Findings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ComplianceAggregates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScanRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    FrameworkId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SectionId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Passed = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    Manual = table.Column<int>(type: "INTEGER", nullable: false),
                    NotApplicable = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceAggregates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplianceAggregates_ScanRuns_ScanRunId",
                        column: x => x.ScanRunId,
                        principalTable: "ScanRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MuteRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ResourcePattern = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MuteRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MuteRules_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScanDiffEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScanRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    FindingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Change = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanDiffEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScanDiffEntries_Findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScanDiffEntries_ScanRuns_ScanRunId",
                        column: x => x.ScanRunId,
                        principalTable: "ScanRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SeverityAggregates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScanRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MutedOpenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OverdueCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NewCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RegressedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RemediationSeconds = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeverityAggregates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeverityAggregates_ScanRuns_ScanRunId",
                        column: x => x.ScanRunId,
                        principalTable: "ScanRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Assignee",
                table: "Findings",
                column: "Assignee");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_FirstSeen",
                table: "Findings",
                column: "FirstSeen");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Lifecycle_Severity",
                table: "Findings",
                columns: new[] { "Lifecycle", "Severity" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_MutedByRuleId",
                table: "Findings",
                column: "MutedByRuleId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_RiskAcceptedUntil",
                table: "Findings",
                column: "RiskAcceptedUntil");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceAggregates_FrameworkId_SectionId_At",
                table: "ComplianceAggregates",
                columns: new[] { "FrameworkId", "SectionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceAggregates_ScanRunId_FrameworkId_SectionId",
                table: "ComplianceAggregates",
                columns: new[] { "ScanRunId", "FrameworkId", "SectionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MuteRules_AccountId",
                table: "MuteRules",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanDiffEntries_FindingId",
                table: "ScanDiffEntries",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanDiffEntries_ScanRunId_Change",
                table: "ScanDiffEntries",
                columns: new[] { "ScanRunId", "Change" });

            migrationBuilder.CreateIndex(
                name: "IX_SeverityAggregates_At_AccountId",
                table: "SeverityAggregates",
                columns: new[] { "At", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_SeverityAggregates_ScanRunId_Severity",
                table: "SeverityAggregates",
                columns: new[] { "ScanRunId", "Severity" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplianceAggregates");

            migrationBuilder.DropTable(
                name: "MuteRules");

            migrationBuilder.DropTable(
                name: "ScanDiffEntries");

            migrationBuilder.DropTable(
                name: "SeverityAggregates");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Assignee",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_FirstSeen",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Lifecycle_Severity",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_MutedByRuleId",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_RiskAcceptedUntil",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "NewCount",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "RegressedCount",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "ResolvedCount",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "UnchangedCount",
                table: "ScanRuns");

            migrationBuilder.DropColumn(
                name: "Assignee",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "Lifecycle",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "MutedByRuleId",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "OpenedAt",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "ReopenCount",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "RiskAcceptedUntil",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "RiskApprover",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "RiskJustification",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "Findings");
        }
    }
}
