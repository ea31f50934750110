package org.parley.security.settings;

import org.springframework.data.jpa.repository.JpaRepository;

interface SecuritySettingRepository extends JpaRepository<SecuritySetting, String> {
}
