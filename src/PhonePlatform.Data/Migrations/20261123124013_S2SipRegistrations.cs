using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhonePlatform.Data.Migrations
{
    /// <inheritdoc />
    public partial class S2SipRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SipRegistrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddressOfRecord = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Contact = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    ContactUri = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RegId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CallId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CSeq = table.Column<long>(type: "bigint", nullable: false),
                    FlowTransport = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FlowAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FlowConnectionId = table.Column<long>(type: "bigint", nullable: false),
                    NodeId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserAgent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SipRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SipRegistrations_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SipRegistrations_ExpiresAt",
                table: "SipRegistrations",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SipRegistrations_WorkspaceId_AddressOfRecord",
                table: "SipRegistrations",
                columns: new[] { "WorkspaceId", "AddressOfRecord" });

            migrationBuilder.CreateIndex(
                name: "IX_SipRegistrations_WorkspaceId_UserId",
                table: "SipRegistrations",
                columns: new[] { "WorkspaceId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SipRegistrations");
        }
    }
}
